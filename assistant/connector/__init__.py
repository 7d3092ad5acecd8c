"""Connector projects: request -> spec -> composed files -> lint -> `fivetran debug` -> repair.

Every change to a project is a Proposal (files and diff) computed first and written by one writer."""
