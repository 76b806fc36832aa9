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
    /// <summary>The number of class folders, or null when not counted (no reader, classes given, unreadable, or reported).</summary>
    public long? Count()
    {
        if (reader is null
            || experiment.Setting(SectionKind.Data, "classes") is not null
            || (experiment.Setting(SectionKind.Data, "source") as ValueSettingSyntax)?.Arguments.FirstOrDefault()?.Value is not CallSyntax call
            || model.GetResolution(call) is not CatalogEntry { Source: { ClassFoldersParameter: { } folderParameter } meaning } entry
            || (meaning.ClassesParameter is { } classes && Argument(entry, call, classes) is not null)
            || Argument(entry, call, folderParameter) is not { } folder
            || ConstantFolder.TryFold(folder, model) is not StringValue { Value: var path }
            // An empty path or one with control characters is HYP4011's; nothing is listed for it.
            || path.Length == 0 || path.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'))
        {
            return null;
        }

        var listing = reader.ListClassFolders(experiment.Syntax.Span.File.Path, path);
        switch (listing)
        {
            case null:
                return null;
            case { TooManyEntries: true }:
                diagnostics.Add(Create(ImageFolderTooLargeDescriptor, folder.Span,
                    $"The image folder '{path}' holds more than {ClassFolderListing.MaxEntries} entries, so its classes were not counted; '{entry.Name}' expects one sub-folder per class, and 'hyp run' would refuse it too.",
                    "Point it at the folder whose sub-folders are the classes, and move anything else out of it."));
                return null;
            case { Names.Count: 0 }:
                diagnostics.Add(Create(ImageFolderWithoutClassesDescriptor, folder.Span,
                    $"The image folder '{path}' holds no sub-folders, so it has no classes; '{entry.Name}' expects one sub-folder per class, named after it, holding that class's PNG or JPEG images.",
                    "Put each class's images in a sub-folder named after the class, or point it at the folder that holds those sub-folders."));
                return null;
            case { Names.Count: var count } when count > ClassFolderListing.MaxClasses:
                diagnostics.Add(Create(ImageFolderTooLargeDescriptor, folder.Span,
                    $"The image folder '{path}' holds {count} sub-folders, so {count} classes, but at most {ClassFolderListing.MaxClasses} are supported.",
                    "Point it at the folder whose sub-folders are the classes, or merge classes."));
                return null;
            default:
                return listing.Names.Count;
        }
    }

    private static ExpressionSyntax? Argument(CatalogEntry entry, CallSyntax call, string name)
    {
        var index = entry.Parameters.Select(p => p.Name).ToList().IndexOf(name);
        return call.Arguments.FirstOrDefault(a => a.Name?.Name == name)?.Value
            ?? (index >= 0 && index < call.Arguments.Length && call.Arguments[index].Name is null ? call.Arguments[index].Value : null);
    }
}
