using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Counts the classes of a source that has one sub-folder per class (<c>image_folder(dir)</c>
/// without <c>classes:</c>) at check time, through the host's <see cref="IDataFolderReader"/>, so
/// the model's outputs are checked against them (HYP3105) in <c>hyp check</c>. Only
/// the folder the spec names is listed, resolved as <c>hyp run</c> resolves it; a folder that
/// cannot be read leaves the count unknown, as it was before, for the run to compare at load.
/// </summary>
internal sealed class ImageFolderClassCounter(EffectiveExperiment experiment, SemanticModel model, IDataFolderReader? reader, List<Diagnostic> diagnostics)
{
    private readonly Dictionary<string, (ClassFolderListing Listing, ExpressionSyntax Folder, string Path, CatalogEntry Entry)?> _listings = new(StringComparer.Ordinal);

    /// <summary>The number of class folders, or null when not counted (no reader, classes given, unreadable, or reported).</summary>
    public long? Count()
    {
        if (experiment.Setting(SectionKind.Data, "classes") is not null
            || HasClassesArgument("source")
            || List("source") is not var (listing, folder, path, entry))
        {
            return null;
        }

        switch (listing)
        {
            case { TooManyEntries: true }:
                diagnostics.Add(ImageFolderTooManyEntries(folder.Span, path, ClassFolderListing.MaxEntries, entry.Name));
                return null;
            case { Names.Count: 0 }:
                diagnostics.Add(ImageFolderWithoutClasses(folder.Span, path, entry.Name));
                return null;
            case { Names.Count: var count } when count > ClassFolderListing.MaxClasses:
                diagnostics.Add(ImageFolderTooManyClasses(folder.Span, path, count, ClassFolderListing.MaxClasses));
                return null;
            default:
                return listing.Names.Count;
        }
    }

    /// <summary>
    /// A validation or test image folder is read in the training folder's classes, matched by
    /// name (the runtime's <c>ImageDataset.InClassesOf</c>): a class folder the training folder
    /// lacks has no output of the model, and the run would stop on it (HYP4092).
    /// </summary>
    public void CheckSplitClasses()
    {
        if (List("source") is not ({ TooManyEntries: false, Names.Count: > 0 } training, _, var trainingPath, _))
        {
            return;
        }

        foreach (var role in (string[])["validation", "test"])
        {
            if (List(role) is not ({ TooManyEntries: false } split, var folder, var path, _))
            {
                continue;
            }

            var unknown = split.Names.Except(training.Names, StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                diagnostics.Add(SplitClassNotInTraining(folder.Span, role, path, unknown, trainingPath));
            }
        }
    }

    // Whether the setting's source gives its class count itself ('image_folder(dir, classes: 5)'), so nothing is counted.
    private bool HasClassesArgument(string setting) =>
        (experiment.Setting(SectionKind.Data, setting) as ValueSettingSyntax)?.Arguments.FirstOrDefault()?.Value is CallSyntax call
        && model.GetResolution(call) is CatalogEntry { Source.ClassesParameter: { } classes } entry
        && Argument(entry, call, classes) is not null;

    // The listing of the image folder a data setting names (its first argument a source with class
    // folders, its folder a constant path), or null when there is none or it cannot be read. Each
    // folder is listed once: the count and the split check both read the training folder's.
    private (ClassFolderListing Listing, ExpressionSyntax Folder, string Path, CatalogEntry Entry)? List(string setting)
    {
        if (!_listings.TryGetValue(setting, out var listed))
        {
            listed = ListOnce(setting);
            _listings[setting] = listed;
        }

        return listed;
    }

    private (ClassFolderListing Listing, ExpressionSyntax Folder, string Path, CatalogEntry Entry)? ListOnce(string setting)
    {
        if (reader is null
            || (experiment.Setting(SectionKind.Data, setting) as ValueSettingSyntax)?.Arguments.FirstOrDefault()?.Value is not CallSyntax call
            || model.GetResolution(call) is not CatalogEntry { Source.ClassFoldersParameter: { } folderParameter } entry
            || Argument(entry, call, folderParameter) is not { } folder
            || ConstantFolder.TryFold(folder, model) is not StringValue { Value: var path }
            // An empty path or one with control characters is HYP4011's; nothing is listed for it.
            || path.Length == 0 || path.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'))
        {
            return null;
        }

        return reader.ListClassFolders(experiment.Syntax.Span.File.Path, path) is { } listing ? (listing, folder, path, entry) : null;
    }

    private static ExpressionSyntax? Argument(CatalogEntry entry, CallSyntax call, string name)
    {
        var index = entry.Parameters.Select(p => p.Name).ToList().IndexOf(name);
        return call.Arguments.FirstOrDefault(a => a.Name?.Name == name)?.Value
            ?? (index >= 0 && index < call.Arguments.Length && call.Arguments[index].Name is null ? call.Arguments[index].Value : null);
    }
}
