using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests;

public sealed class NativeErrorTextTests
{
    [Fact]
    public void A_LibTorch_error_is_reduced_to_its_first_line_without_the_native_stack()
    {
        TorchRuntime.EnsureInitialized();
        using var tiny = zeros(1, 1, 1, 1);
        var error = Assert.ThrowsAny<Exception>(() => nn.functional.max_pool2d(tiny, 2).Dispose());
        Assert.Contains("frame #", error.Message, StringComparison.Ordinal);

        var reduced = NativeErrorText.Reduce(error.Message);

        Assert.Equal(error.Message.Split('\n')[0].Trim(), reduced);
        Assert.DoesNotContain('\n', reduced);
        Assert.NotEmpty(reduced);
    }

    [Fact]
    public void Stack_lines_before_the_message_and_blank_lines_are_skipped()
    {
        const string message = "\n  \nException raised from check at /pytorch/Pool.h:150 (most recent call first):\nframe #0: c10::Error::Error() + 0xa0 (0x7f in libc10.so)\n";

        Assert.Equal("a native LibTorch error without a message", NativeErrorText.Reduce(message));
        Assert.Equal("Output size is too small", NativeErrorText.Reduce("\nOutput size is too small\nException raised from x\nframe #0: y"));
    }

    [Fact]
    public void A_message_without_a_native_stack_is_kept_as_it_is()
    {
        const string message = "The training loss became NaN at epoch 2.\nA lower learning rate usually helps.";

        Assert.Equal(message, NativeErrorText.Reduce(message));
    }
}
