using HyperDsl.Build;

return BuildTool.Run(args, Console.Out, Console.Error);
