from disputes.service import service
from shared.cli import main


def run() -> None:
    main(service)


if __name__ == "__main__":
    run()
