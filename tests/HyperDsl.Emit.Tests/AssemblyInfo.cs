// TorchSharp 0.107 frees a Scalar (made implicitly from a number, as in its optimizers' step)
// in the Scalar's finalizer, and the scalar's last managed use is before the native call that
// reads it: a garbage collection that another thread starts during that call can free it
// mid-call ("Unknown scalar type" from Adam's step, a bad 'toFloat' in a residual add). Test
// classes that allocate heavily (Roslyn compilations) while others train made that happen, so
// the tests that train run one at a time, as the runtime tests do. HyperDsl's own code and
// optimizers hold their Scalars since; TorchSharp's BatchNorm and Mish modules
// still make unheld ones in forward, so this stays.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
