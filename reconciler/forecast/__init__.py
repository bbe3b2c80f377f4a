"""Forecasting (the `[forecast]` extra): hourly answer-rate history in, a reviewed manifest change out.

    errors        ForecastError, and the message when the extra is not installed
    history       read an hourly history CSV (as `reconciler emulator history` writes it)
    model         STL with a daily season, forecast of the next 24 hours (statsmodels)
    proposal      the outbound line count the forecast calls for (the open-loop pacing model)
    manifest_edit the change as a unified diff, and written in place with layout and comments kept (ruamel.yaml)

Nothing here talks to a platform: the result is a manifest change that goes through review.
"""
