"""What the assistant does, without any UI: `services` builds the retriever and the model from the
settings; `llm` runs models, `answer` writes cited answers, `connector` builds and checks connector
projects, `chat` keeps a working session. Imports `core`, `index` and `ingest`, never `tui` or `cli`."""
