"""The regional editor (``drukwerk serve``, ``drukwerk users``): coordinators keep their region's
contacts right in a browser, a second person approves every change that matters.

The highest layer beside the command line: nothing else in ``generator`` imports it, and every
use of the core pipeline goes through :mod:`generator.editor.pipeline`.
"""
