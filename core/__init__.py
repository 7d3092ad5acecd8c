"""The bottom layer: errors, on-disk locations, settings, the one secret masker and what the
installed Connector SDK really offers. Every other package may import it; it imports none of them."""
