// LibTorch's global generator and the process's memory are shared by every test: run the
// runtime tests one at a time, so that seeded runs repeat and memory readings mean something.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
