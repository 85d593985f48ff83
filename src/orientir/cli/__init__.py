"""The command line: one module per noun, each command one service call."""
