"""High-precision reference values for test/unit/erlang.test.ts (mpmath, 60 digits).

Run: python3 scripts/erlang-reference.py > test/fixtures/erlang-reference.json
Erlang B and C by the textbook sums (no recurrence), Erlang A from the stationary distribution
of M/M/N+M with mpmath's regularised incomplete beta, an implementation independent of ours.
Erlang A with up to a million callers waiting ("A large"), too many states to sum with a
betainc each, from integrals over u = e^(-theta V) instead (quadrature), which the script first
checks against the sums on the small cases.
"""
import json
from mpmath import mp, mpf, exp, log, sqrt, quad, factorial, betainc, nsum, inf

mp.dps = 60

def erlang_b(a, n):
    a = mpf(a)
    num = a**n / factorial(n)
    den = nsum(lambda k: a**k / factorial(k), [0, n])
    return num / den

def erlang_c(a, n, aht, t):
    a = mpf(a)
    b = erlang_b(a, n)
    c = n * b / (n - a * (1 - b))
    sl = 1 - c * exp(-(n - a) * mpf(t) / aht)
    asa = c * aht / (n - a)
    return {"pWait": c, "serviceLevel": sl, "asaSeconds": asa}

def erlang_a(a, n, aht, t, patience):
    a, aht, t, patience = mpf(a), mpf(aht), mpf(t), mpf(patience)
    mu, theta = 1 / aht, 1 / patience
    lam = a * mu
    x, y = n * mu / theta, lam / theta
    z = exp(-theta * t)
    # unnormalised stationary weights relative to state N
    below = nsum(lambda j: (factorial(n) / factorial(j)) * a**(j - n), [0, n - 1]) if n > 0 else mpf(0)
    ws = []
    w = mpf(1)
    k = 0
    while True:
        ws.append(w)
        k += 1
        w = w * y / (x + k)
        if k > y - x and w < mpf(10) ** -40 * sum(ws):
            break
    total = below + sum(ws)
    pi_n = 1 / total
    p_wait = pi_n * sum(ws)
    p_ab = pi_n * sum(wk * (k + 1) / (x + k + 1) for k, wk in enumerate(ws))
    served_within = (below / total) + pi_n * sum(
        wk * x / (x + k + 1) * (1 - betainc(x + 1, k + 1, 0, z, regularized=True)) for k, wk in enumerate(ws))
    from mpmath import digamma
    wait_served = pi_n * sum(wk * x / (x + k + 1) * (digamma(x + k + 2) - digamma(x + 1)) for k, wk in enumerate(ws)) / theta
    return {"pWait": p_wait, "pAbandon": p_ab, "serviceLevel": served_within,
            "asaSeconds": wait_served / (1 - p_ab), "meanWaitSeconds": p_ab / theta}

def peaked_integral(f, x, y, lo, hi):
    """int_lo^hi f(u) du for f like u^x e^(-y u): split around its peak at x / y, about sqrt(x) / y wide."""
    peak, width = x / y, sqrt(max(x, mpf(1))) / y
    points = {lo, hi}
    for j in [0, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128]:
        for p in (peak - j * width, peak + j * width):
            if lo < p < hi:
                points.add(p)
    points = sorted(points)
    return sum(quad(f, [p, q]) for p, q in zip(points, points[1:]))

def erlang_a_integrals(a, n, aht, t, patience):
    """Erlang A with the sums over waiting states as integrals: since x / (x+k+1) w_k = x y^k / k!
    int_0^1 u^x (1-u)^k du, answered = x int_0^1 u^x e^(y(1-u)) du, answered within T the same
    over [z, 1], E[wait; answered] theta = x int_0^1 u^x (-ln u) e^(y(1-u)) du, and W = 1 + y/x answered."""
    a, aht, t, patience = mpf(a), mpf(aht), mpf(t), mpf(patience)
    mu, theta = 1 / aht, 1 / patience
    x, y = n * mu / theta, a * mu / theta
    z = exp(-theta * t)
    below = nsum(lambda j: (factorial(n) / factorial(j)) * a**(j - n), [0, n - 1]) if n > 0 else mpf(0)
    g = lambda u: u**x * exp(y * (1 - u))
    served = x * peaked_integral(g, x, y, mpf(0), mpf(1))
    within = x * peaked_integral(g, x, y, z, mpf(1)) if z < 1 else mpf(0)
    wait_served = x * peaked_integral(lambda u: g(u) * -log(u), x, y, mpf(0), mpf(1)) / theta
    W = 1 + y / x * served
    pi_n = 1 / (below + W)
    p_ab = pi_n * (W - served)
    return {"pWait": pi_n * W, "pAbandon": p_ab, "serviceLevel": below * pi_n + pi_n * within,
            "asaSeconds": pi_n * wait_served / (1 - p_ab), "meanWaitSeconds": p_ab / theta}

def s(d):
    return {k: float(v) for k, v in d.items()}

cases_b = [(5, 10), (10, 15), (0.5, 1), (2.7, 3), (100, 110), (1000, 1030), (5000, 5050), (15000, 15100)]
cases_c = [(10, 13, 180, 20), (10, 14, 180, 20), (2.5, 3, 300, 20), (0.25, 1, 240, 30), (50, 58, 300, 20),
           (500, 520, 300, 20), (5000, 5080, 300, 20), (18000, 18200, 240, 15)]
cases_a = [(10, 10, 180, 20, 60), (10, 12, 180, 20, 120), (10, 8, 180, 20, 90), (2.5, 3, 300, 20, 200),
           (50, 52, 300, 20, 180), (100, 95, 240, 30, 60), (500, 505, 300, 20, 300)]
# Up to the calculator's limits (5,000 Erlangs, traffic x patience / AHT 1,000,000): 100,000
# calls of 45 s in half an hour on 12 agents; 5,000 Erlangs of 18 s with an hour's patience.
cases_a_large = [(2500, 12, 45, 20, 3600), (5000, 1, 18, 20, 3600), (5000, 1000, 18, 20, 3600),
                 (5000, 4000, 18, 600, 3600), (5000, 4900, 18, 60, 3600), (5000, 4990, 18, 20, 3600),
                 (5000, 4995, 18, 20, 3600), (2500, 750, 10, 3600, 3600), (1000, 990, 3.6, 20, 3600)]

for case in cases_a:
    summed, integrated = erlang_a(*case), erlang_a_integrals(*case)
    for k in summed:
        assert abs(summed[k] - integrated[k]) <= mpf(10) ** -30 * abs(summed[k]), (case, k)  # the sums stop at 1e-40

out = {
    "B": [{"trafficErlangs": a, "agents": n, "blocking": float(erlang_b(a, n))} for a, n in cases_b],
    "C": [dict(trafficErlangs=a, agents=n, ahtSeconds=aht, targetSeconds=t, **s(erlang_c(a, n, aht, t))) for a, n, aht, t in cases_c],
    "A": [dict(trafficErlangs=a, agents=n, ahtSeconds=aht, targetSeconds=t, patienceSeconds=p, **s(erlang_a(a, n, aht, t, p)))
          for a, n, aht, t, p in cases_a],
    "ALarge": [dict(trafficErlangs=a, agents=n, ahtSeconds=aht, targetSeconds=t, patienceSeconds=p, **s(erlang_a_integrals(a, n, aht, t, p)))
               for a, n, aht, t, p in cases_a_large],
}
print(json.dumps(out, indent=1))
