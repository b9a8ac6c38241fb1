# The app on a CPU server: docker build -t news-summariser . && \
#   docker run -p 8501:8501 -v summariser-models:/models -v summariser-data:/app/.data news-summariser
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HOME=/models SUMMARIZER_DATABASE=/app/.data/results.sqlite3

# Tesseract and the language packs of the page's languages: scanned PDFs are read by OCR.
RUN apt-get update && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng \
        tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa tesseract-ocr-ita tesseract-ocr-por tesseract-ocr-tur \
        tesseract-ocr-rus tesseract-ocr-ukr tesseract-ocr-ara tesseract-ocr-chi-sim tesseract-ocr-jpn \
        tesseract-ocr-kor tesseract-ocr-hin \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 app && mkdir -p /models /app/.data && chown app:app /models /app/.data
WORKDIR /app

# The CPU build of torch first, from PyTorch's CPU index, so requirements.txt never pulls CUDA (GBs).
COPY requirements.txt .
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu \
    && pip install -r requirements.txt

COPY --chown=app:app app.py ./
COPY --chown=app:app summarizer ./summarizer
COPY --chown=app:app ui ./ui
COPY --chown=app:app .streamlit ./.streamlit

USER app
# Models are downloaded on first use into the volume and kept across restarts; shared links likewise.
VOLUME ["/models", "/app/.data"]
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"
# ui/server.py serves app.py and the HTTP API (/api/v1) behind the per-visitor upload allowance.
CMD ["streamlit", "run", "ui/server.py", "--server.address=0.0.0.0", "--server.port=8501"]
