"""The OpenPES Django project: domain apps, view apps (``www``) and settings."""
