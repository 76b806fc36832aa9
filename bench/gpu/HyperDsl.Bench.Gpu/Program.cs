using System.Globalization;
using System.Text.Json;
using HyperDsl.Runtime;
using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Training;
using TorchSharp;

// hyp-bench-gpu probe [--device cpu|cuda]
//     Loads LibTorch through TorchSharp, prints what it sees (CUDA, devices, cuDNN) and runs one
//     convolution forward and backward on the device: "PROBE {json}".
// hyp-bench-gpu resnet18 [--device cpu|cuda] [--precision fp32|bf16|fp16] [--batch 128] [--size 224]
//     [--steps 20] [--epochs 3] [--threads N]
//     Trains torchvision's ResNet-18 (10 classes) on seeded synthetic images through the runtime's
//     Trainer (channels-last batches, SGD with momentum, the loss read back every step) and prints
//     "RESULT {json}" with each epoch's images per second; the first epoch is warm-up.
var options = new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["--device"] = "cuda",
    ["--precision"] = "fp32",
    ["--batch"] = "128",
    ["--size"] = "224",
    ["--steps"] = "20",
    ["--epochs"] = "3",
};
if (args.Length == 0 || args[0] is not ("probe" or "resnet18"))
{
    Console.Error.WriteLine("hyp-bench-gpu: the first argument is 'probe' or 'resnet18'.");
    return 2;
}

for (var i = 1; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length || !options.ContainsKey(args[i]) && args[i] != "--threads")
    {
        Console.Error.WriteLine($"hyp-bench-gpu: unexpected argument '{args[i]}'; options: --device --precision --batch --size --steps --epochs --threads, each with a value.");
        return 2;
    }

    options[args[i]] = args[++i];
}

var device = options["--device"] == "cpu" ? DeviceChoice.Cpu : DeviceChoice.Cuda;
int? threads = options.TryGetValue("--threads", out var t) ? int.Parse(t, CultureInfo.InvariantCulture) : null;
TorchRuntime.Initialize(new RuntimeOptions(device, threads));
return args[0] == "probe" ? Probe(device) : ResNet18(device, options);

static int Probe(DeviceChoice choice)
{
    var cuda = torch.cuda.is_available();
    var device = TorchRuntime.ResolveDevice(choice);
    using var scope = torch.NewDisposeScope();
    using var conv = torch.nn.Conv2d(3, 8, 3).to(device);
    var input = torch.rand([2, 3, 16, 16], device: device);
    var output = conv.call(input).sum();
    output.backward();
    var report = new Dictionary<string, object?>
    {
        ["cuda_available"] = cuda,
        ["cuda_devices"] = cuda ? torch.cuda.device_count() : 0,
        ["cudnn_available"] = cuda && torch.cuda.is_cudnn_available(),
        ["device"] = device.ToString(),
        ["conv_output"] = output.item<float>(),
        ["conv_grad_finite"] = conv.weight!.grad!.isfinite().all().item<bool>(),
    };
    Console.Out.WriteLine("PROBE " + JsonSerializer.Serialize(report));
    return 0;
}

static int ResNet18(DeviceChoice device, Dictionary<string, string> options)
{
    int Int(string name) => int.Parse(options[name], CultureInfo.InvariantCulture);
    var precision = Enum.Parse<TrainingPrecision>(options["--precision"], ignoreCase: true);
    var batch = Int("--batch");
    var size = Int("--size");
    var epochs = Int("--epochs");
    var images = batch * Int("--steps");

    using var data = new DataSplits(SyntheticData.Create(images, [3, size, size], classes: 10, seed: 0));
    var trainer = new Trainer(new TrainingOptions
    {
        Epochs = epochs,
        BatchSize = batch,
        Optimizer = OptimizerSpec.Sgd(lr: 0.01, momentum: 0.9),
        Normalization = Normalization.Given([0.5, 0.5, 0.5], [0.25, 0.25, 0.25]),
        Precision = precision,
        Device = device,
        Seed = 0,
    });
    var result = trainer.Fit(() => Backbones.Create(BackboneKind.ResNet18, 10), data);
    var rates = result.Epochs.Select(e => e.ImagesPerSecond).ToList();
    var steady = rates.Count > 1 ? rates.Skip(1).ToList() : rates;
    var report = new Dictionary<string, object?>
    {
        ["side"] = "hyperdsl",
        ["device"] = TorchRuntime.ResolveDevice(device).ToString(),
        ["precision"] = options["--precision"],
        ["batch"] = batch,
        ["size"] = size,
        ["steps_per_epoch"] = images / batch,
        ["outcome"] = result.Outcome.ToString(),
        ["failure"] = result.Failure,
        ["epoch_images_per_s"] = rates,
        ["images_per_s"] = steady.Count / steady.Sum(r => 1 / r),
        ["last_train_loss"] = result.Epochs.Count > 0 ? result.Epochs[^1].TrainLoss : null,
    };
    Console.Out.WriteLine("RESULT " + JsonSerializer.Serialize(report));
    return result.Outcome == TrainingOutcome.Completed ? 0 : 1;
}
