"""Pacing models: how many agents a queue needs and what abandon rate a dialer setting produces.

    errors      PacingInputError, raised for inputs outside a model's stable region
    erlang      Erlang B, C and A (M/M/N, M/M/N+M) and the staffing search
    mmnd        M/M/N+D: the exact queue of the 2-second connect rule
    analytic    the open-loop dialer (Poisson dials, thinned live answers into M/M/N+D)
    simulator   a seeded discrete-event dialer: the call model, fixed-rate and lines-per-agent pacing
    pacer       the abandon-controlled pacer (predictive, power) and CXone Personal Connection
    statistics  Student t intervals and the pooled abandon ratio with its interval
    predict     what a manifest's declared staffing and dialer settings predict (the PACING-ABANDON model)

Sources are cited in each module (47 CFR 64.1200, Ofcom, the vendors' public documentation).
"""
