# lorkit as a container: the same app as `scripts/start`, no database, nothing stored.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY pyproject.toml constraints.txt README.md ./
COPY lorkit/ lorkit/
RUN pip install --no-cache-dir -c constraints.txt -e .

COPY app.py ./
COPY pages/ pages/
COPY ui/ ui/
COPY data/ data/
COPY .streamlit/ .streamlit/

RUN useradd --create-home lorkit
USER lorkit
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health').read()==b'ok' else 1)"
CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501", "--server.headless=true", "--browser.gatherUsageStats=false"]
