# lorkit as a container: the app installed from the wheel and started with `lorkit app`.
# No database, no volume, nothing stored. Docker is not available on the development machine:
# tests/shipping builds the wheel from exactly the paths copied here and checks this file.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1

# Install lorkit (not editable): the wheel carries the rule data, the samples and the app
# (app.py, app_pages/, ui/, .streamlit/config.toml). The sources are removed afterwards.
WORKDIR /src
COPY pyproject.toml constraints.txt README.md app.py ./
COPY lorkit/ lorkit/
COPY app_pages/ app_pages/
COPY ui/ ui/
COPY .streamlit/ .streamlit/
RUN pip install --no-cache-dir -c constraints.txt . && cd / && rm -rf /src

RUN useradd --create-home lorkit
USER lorkit
WORKDIR /home/lorkit
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health').read()==b'ok' else 1)"
# A container must listen on every interface; `lorkit app` alone listens on 127.0.0.1 only.
CMD ["lorkit", "app", "--server.address=0.0.0.0", "--server.port=8501", "--server.headless=true", "--browser.gatherUsageStats=false"]
