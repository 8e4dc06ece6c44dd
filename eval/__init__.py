"""Evaluation harness: retrieval (qrels/run files), answers, guard, latency. Imports `assistant`, never the reverse."""
