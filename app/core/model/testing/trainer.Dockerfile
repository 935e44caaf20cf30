# The intake tests' trainer: pinned frameworks that train small models at test time (no fixture in
# the repo). Built once and tagged by the hash of this file, so later runs reuse it.
FROM debian:bookworm-slim
ENV DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt PATH=/opt/venv/bin:/usr/sbin:/usr/bin:/sbin:/bin
COPY certs* /tmp/certs/
RUN set -eux; apt-get update; \
    apt-get install -y --no-install-recommends python3 python3-venv ca-certificates libgomp1; \
    rm -rf /var/lib/apt/lists/*; \
    for c in /tmp/certs/*.crt; do [ -e "$c" ] && cp "$c" /usr/local/share/ca-certificates/; done; \
    update-ca-certificates >/dev/null; python3 -m venv /opt/venv
# skl2onnx 1.19 writes opset 22 (which onnxruntime 1.20 cannot load); the server's own pins and
# the template's dev tools let the adapters' pytest import and lint generated predictors here too.
RUN pip install numpy==1.26.4 scipy==1.13.1 pandas==2.2.3 scikit-learn==1.5.2 joblib==1.4.2 \
    xgboost-cpu==2.1.4 lightgbm==4.5.0 catboost==1.2.8 onnx==1.18.0 skl2onnx==1.19.1 onnxruntime==1.22.1 \
    pydantic==2.14.3 pydantic-settings==2.16.3 pytest==9.2.0 mypy==2.4.1 black==26.10.1 ruff==0.17.6
COPY train_models.py /opt/train_models.py
ENTRYPOINT ["python", "/opt/train_models.py"]
