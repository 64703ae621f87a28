"""`specq serve`: an OpenAI-compatible front door (Files, Batches, Completions, Models) over producer.

The queue, the workers and SQL stay the system: a batch is a job, a file is a row plus bytes
under the data dir, a synchronous completion is a one-request job. docs/openai.md lists every
OpenAI field and what specq does with it.
"""
