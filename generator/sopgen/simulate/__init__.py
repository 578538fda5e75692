"""Simulation: a case walked through an SOP on the office calendar, routes, Monte Carlo."""
