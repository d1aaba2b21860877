"""Accounts: roles, teams and the access rules that follow from them."""
