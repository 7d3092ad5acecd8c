"""Cited answers: passages fitted to the context, the prompts, citation checks, the SDK facts."""
