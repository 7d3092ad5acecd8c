"""The index: the Chroma store and its generations, what an index records about itself, bundles for
air gaps, the embedders, BM25 tokens, pattern tags and hybrid retrieval. Imports only `core`."""
