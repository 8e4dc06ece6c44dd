.PHONY: chat test

# Start the web chat on embedded defaults (creates .venv, the converted embedder and the index on first run).
chat:
	bash scripts/bootstrap.sh
	.venv/bin/python app.py

# Run the test suite (creates .venv with test extras).
test:
	bash scripts/test.sh
