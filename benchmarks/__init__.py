"""Speed, memory and throughput figures, apart from the product package (`python -m benchmarks.speed`)."""
