"""Pacing models: how many agents a queue needs and what abandon rate a dialer setting produces.

    errors      PacingInputError, raised for inputs outside a model's stable region
    erlang      Erlang B, C and A (M/M/N, M/M/N+M) and the staffing search
    mmnd        M/M/N+D: the exact queue of the 2-second connect rule
    analytic    the open-loop dialer (Poisson dials, thinned live answers into M/M/N+D)
    simulator   a seeded discrete-event dialer with fixed-rate, lines-per-agent and feedback pacing
    predict     what a manifest's declared staffing and dialer settings predict (the PACING-ABANDON model)

Reference: shared/reference/compliance-and-pacing.md §2.
"""
