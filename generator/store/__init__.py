"""The output folder: atomic writes, the manifest (one reader, one writer), the no-op stamp,
input digests, where thumbnails and web pages go, and withdrawing what may no longer be sent.
Plain data in, files out; nothing here knows a model of sources or layouts."""
