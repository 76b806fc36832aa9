using HyperDsl.Runtime.Models;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Models;

/// <summary>Issue 20: the LeakyReLU and ELU layers that hold their Scalars compute what TorchSharp's modules do, bit for bit.</summary>
public sealed class HeldScalarActivationsTests
{
    public static TheoryData<string, double> Layers => new() { { "leaky_relu", 0.01 }, { "leaky_relu", 0.2 }, { "elu", 1.0 }, { "elu", 0.5 } };

    [Theory]
    [MemberData(nameof(Layers))]
    public void The_output_and_the_gradient_are_those_of_TorchSharps_module(string kind, double factor)
    {
        using var generator = new Generator(3, CPU);
        using var values = randn([4, 3, 5, 5], generator: generator);
        using nn.Module<Tensor, Tensor> ours = kind == "elu" ? new EluLayer(factor) : new LeakyReluLayer(factor);
        using nn.Module<Tensor, Tensor> theirs = kind == "elu" ? nn.ELU(factor) : nn.LeakyReLU(factor);

        (float[] Output, float[] Gradient) Run(nn.Module<Tensor, Tensor> layer)
        {
            using var input = values.clone().requires_grad_();
            using var output = layer.call(input);
            using var loss = output.square().sum();
            loss.backward();
            return (output.data<float>().ToArray(), input.grad!.data<float>().ToArray());
        }

        var (output, gradient) = Run(ours);
        var (expectedOutput, expectedGradient) = Run(theirs);

        Assert.Equal(expectedOutput, output);
        Assert.Equal(expectedGradient, gradient);
    }
}
