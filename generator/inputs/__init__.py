"""Read and validate: YAML with the line of every value, the models of sources/ and layouts/,
cross-file checks. Everything here returns plain, validated data or a list of problems."""
