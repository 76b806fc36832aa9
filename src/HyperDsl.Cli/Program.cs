using HyperDsl.Cli;

return HypCli.Run(args, new CliConsole(Console.Out, Console.Error, IsTerminal: !Console.IsOutputRedirected));
