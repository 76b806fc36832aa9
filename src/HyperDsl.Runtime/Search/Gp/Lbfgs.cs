namespace HyperDsl.Runtime.Search.Gp;

/// <summary>
/// Limited-memory BFGS for a smooth unconstrained function, with a backtracking (Armijo) line
/// search. Points where the function is not finite count as too far and the step shrinks.
/// </summary>
internal static class Lbfgs
{
    private const int Memory = 10;

    /// <summary>
    /// A local minimum of <paramref name="function"/> (value and gradient) from <paramref name="start"/>:
    /// it stops when no gradient component exceeds <paramref name="tolerance"/> (SciPy's gtol), when
    /// the value improves by under a relative 1e-9 (SciPy's ftol), or after <paramref name="maxIterations"/>.
    /// </summary>
    public static double[] Minimize(Func<double[], (double Value, double[] Gradient)> function, double[] start, int maxIterations, double tolerance)
    {
        var x = (double[])start.Clone();
        var (value, gradient) = function(x);
        if (!double.IsFinite(value))
        {
            return x;
        }

        var steps = new List<(double[] S, double[] Y, double Rho)>();
        for (var iteration = 0; iteration < maxIterations && gradient.Max(Math.Abs) > tolerance; iteration++)
        {
            var direction = Direction(gradient, steps);
            var slope = Dot(direction, gradient);
            if (!(slope < 0))
            {
                // Not a descent direction (curvature pairs gone stale): fall back to steepest descent.
                steps.Clear();
                direction = [.. gradient.Select(g => -g)];
                slope = Dot(direction, gradient);
            }

            var step = iteration == 0 && steps.Count == 0 ? Math.Min(1, 1 / Norm(gradient)) : 1.0;
            double[] next;
            double nextValue;
            double[] nextGradient;
            while (true)
            {
                next = [.. x.Select((xi, i) => xi + (step * direction[i]))];
                (nextValue, nextGradient) = function(next);
                if (double.IsFinite(nextValue) && nextValue <= value + (1e-4 * step * slope))
                {
                    break;
                }

                step /= 2;
                if (step < 1e-10)
                {
                    return x;
                }
            }

            var s = next.Select((v, i) => v - x[i]).ToArray();
            var y = nextGradient.Select((g, i) => g - gradient[i]).ToArray();
            var sy = Dot(s, y);
            if (sy > 1e-12)
            {
                steps.Add((s, y, 1 / sy));
                if (steps.Count > Memory)
                {
                    steps.RemoveAt(0);
                }
            }

            var improvement = value - nextValue;
            (x, value, gradient) = (next, nextValue, nextGradient);
            if (improvement < 1e-9 * Math.Max(1, Math.Abs(value)))
            {
                break;
            }
        }

        return x;
    }

    // The two-loop recursion: −H∇ with H the inverse-Hessian estimate from the stored pairs.
    private static double[] Direction(double[] gradient, List<(double[] S, double[] Y, double Rho)> steps)
    {
        var q = gradient.Select(g => -g).ToArray();
        var alphas = new double[steps.Count];
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            alphas[i] = steps[i].Rho * Dot(steps[i].S, q);
            for (var k = 0; k < q.Length; k++)
            {
                q[k] -= alphas[i] * steps[i].Y[k];
            }
        }

        if (steps.Count > 0)
        {
            var last = steps[^1];
            var gamma = Dot(last.S, last.Y) / Dot(last.Y, last.Y);
            for (var k = 0; k < q.Length; k++)
            {
                q[k] *= gamma;
            }
        }

        for (var i = 0; i < steps.Count; i++)
        {
            var beta = steps[i].Rho * Dot(steps[i].Y, q);
            for (var k = 0; k < q.Length; k++)
            {
                q[k] += (alphas[i] - beta) * steps[i].S[k];
            }
        }

        return q;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));
}
