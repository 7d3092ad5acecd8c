"""Local models: the catalog of GGUF files shipped as packages, and the runtimes behind one Protocol."""
