"""Building the index: resolve sources, crawl the docs, read and chunk files, introspect the SDK,
embed (with a cache) and publish a new generation. Imports `core` and `index`."""
