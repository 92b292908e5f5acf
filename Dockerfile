# syntax=docker/dockerfile:1
# One image for every service. SERVICE (a build argument, kept as an environment variable) names the
# package that `python -m $SERVICE run` starts: gateway, booking, wallet, disputes or notifications.
#
#   docker build --build-arg SERVICE=booking -t lessons-booking .
#   docker run --rm lessons-booking python -m booking migrate     # with the BOOKING_* variables set
#
# Every service is installed (they share almost all their dependencies), so one image could run any
# of them with SERVICE set at run time; the build argument only sets the default.

FROM python:3.11-slim AS build
WORKDIR /src
COPY constraints.txt ./
COPY shared/ shared/
COPY services/ services/
COPY tools/devstack/ tools/devstack/
# Wheels of the project's packages and of everything they need, at the versions of constraints.txt.
RUN pip wheel --no-cache-dir --disable-pip-version-check --wheel-dir /wheels -c constraints.txt \
        ./shared ./services/*/ ./tools/devstack

FROM python:3.11-slim
ARG SERVICE=gateway
ENV SERVICE=${SERVICE} \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
# The `keys` one-shot container of docker-compose.yml writes the token key pair here (a volume).
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid 10001 --create-home --home-dir /home/app app \
    && mkdir /keys && chown 10001:10001 /keys
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-cache-dir --disable-pip-version-check --no-index /wheels/*.whl
# Numeric, so that Kubernetes' runAsNonRoot can check it.
USER 10001:10001
WORKDIR /home/app
EXPOSE 8000
# Every role (API, event consumer, timers) in one process; `--role api|consumer|scheduler` splits them.
CMD ["sh", "-c", "exec python -m \"$SERVICE\" run --host 0.0.0.0 --port \"${PORT:-8000}\""]
