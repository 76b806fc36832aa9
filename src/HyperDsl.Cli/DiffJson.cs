using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Differencing;

namespace HyperDsl.Cli;

/// <summary><c>hyp diff --format json</c>: the change list as one JSON document, for tools (fields in docs/editor-and-source-control.md).</summary>
internal static class DiffJson
{
    public static string Write(string oldLabel, string newLabel, SpecDiff diff, DiffWarmStart? stores)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("old", oldLabel);
            json.WriteString("new", newLabel);
            json.WriteBoolean("changed", diff.HasChanges);
            json.WriteStartArray("experiments");
            foreach (var experiment in diff.Experiments)
            {
                Experiment(json, experiment, stores);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Experiment(Utf8JsonWriter json, ExperimentDiff experiment, DiffWarmStart? stores)
    {
        json.WriteStartObject();
        json.WriteString("old_name", experiment.OldName);
        json.WriteString("new_name", experiment.NewName);
        json.WriteBoolean("changed", experiment.HasChanges);
        json.WriteString("old_study_hash", experiment.OldHash);
        json.WriteString("new_study_hash", experiment.NewHash);
        json.WriteBoolean("new_study_version", experiment.NewStudyVersion);
        Figures(json, "model_before", experiment.Before);
        Figures(json, "model_after", experiment.After);
        json.WriteStartArray("changes");
        foreach (var change in experiment.Changes)
        {
            json.WriteStartObject();
            json.WriteString("section", Name(change.Section));
            json.WriteString("kind", change.Kind.ToString().ToLowerInvariant());
            json.WriteString("subject", change.Subject);
            json.WriteString("aspect", change.Aspect);
            json.WriteString("before", change.Before);
            json.WriteString("after", change.After);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (stores?.Of(experiment) is var (study, preview))
        {
            json.WriteStartObject("store");
            json.WriteString("location", stores.Store);
            json.WriteString("study", study);
            WriteVersion(json, "continues_version", preview.ExistingVersion?.Version);
            WriteVersion(json, "previous_version", preview.Previous?.Version);
            json.WriteNumber("finished_trials", preview.Finished);
            json.WriteNumber("warm_start_carries", preview.Carried);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteVersion(Utf8JsonWriter json, string name, int? version)
    {
        if (version is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Figures(Utf8JsonWriter json, string name, ShapeSummary? shapes)
    {
        if (shapes is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteNumber("min_parameters", shapes.MinParameters);
        json.WriteNumber("max_parameters", shapes.MaxParameters);
        json.WriteNumber("min_flops", shapes.MinFlops);
        json.WriteNumber("max_flops", shapes.MaxFlops);
        json.WriteEndObject();
    }

    private static string Name(DiffSection section) => section switch
    {
        DiffSection.Training => "train",
        DiffSection.Tuning => "tune",
        _ => section.ToString().ToLowerInvariant(),
    };
}
