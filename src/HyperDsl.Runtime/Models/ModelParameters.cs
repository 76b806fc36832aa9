using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>Finds, counts and freezes a model's parameters by path (<c>conv1.weight</c>, <c>block2.body.bn1.bias</c>).</summary>
public static class ModelParameters
{
    /// <summary>The number of trainable values.</summary>
    public static long CountTrainable(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
    }

    /// <summary>Whether <paramref name="parameterName"/> is <paramref name="path"/> or lies under it.</summary>
    public static bool IsUnder(string parameterName, string path)
    {
        ArgumentNullException.ThrowIfNull(parameterName);
        ArgumentNullException.ThrowIfNull(path);
        return parameterName == path || parameterName.StartsWith(path + ".", StringComparison.Ordinal);
    }

    /// <summary>
    /// Freezes every parameter except those under <paramref name="paths"/> (<c>freeze all except ...</c>);
    /// frozen parameters get no gradient, so no optimizer changes them. Returns the number frozen.
    /// </summary>
    /// <exception cref="ArgumentException">A path names no parameter.</exception>
    public static int FreezeAllExcept(nn.Module module, params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(module);
        return FreezeAllExcept(module.named_parameters().ToList(), paths);
    }

    /// <summary>As <see cref="FreezeAllExcept(nn.Module, string[])"/>, over parameters already named.</summary>
    internal static int FreezeAllExcept(List<(string name, Parameter parameter)> named, string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        CheckPaths(named, paths);
        var frozen = 0;
        foreach (var (name, parameter) in named)
        {
            if (!paths.Any(p => IsUnder(name, p)))
            {
                parameter.requires_grad = false;
                frozen++;
            }
        }

        return frozen;
    }

    /// <summary>Freezes the parameters under <paramref name="paths"/> (<c>freeze ...</c>). Returns the number frozen.</summary>
    /// <exception cref="ArgumentException">A path names no parameter.</exception>
    public static int Freeze(nn.Module module, params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(module);
        return Freeze(module.named_parameters().ToList(), paths);
    }

    /// <summary>As <see cref="Freeze(nn.Module, string[])"/>, over parameters already named.</summary>
    internal static int Freeze(List<(string name, Parameter parameter)> named, string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        CheckPaths(named, paths);
        var frozen = 0;
        foreach (var (name, parameter) in named.Where(n => paths.Any(p => IsUnder(n.name, p))))
        {
            parameter.requires_grad = false;
            frozen++;
        }

        return frozen;
    }

    private static void CheckPaths(List<(string name, Parameter parameter)> named, string[] paths)
    {
        foreach (var path in paths)
        {
            if (!named.Any(n => IsUnder(n.name, path)))
            {
                var layers = named.Select(n => n.name.Split('.')[0]).Distinct();
                throw new ArgumentException($"No parameter lies under '{path}'. The model's layers with parameters are: {string.Join(", ", layers)}.", nameof(paths));
            }
        }
    }
}
