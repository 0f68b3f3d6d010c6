"""Accounts: registration, login, profile, passwords and the session guard."""
