from shared.cli import main
from wallet.service import service


def run() -> None:
    main(service)


if __name__ == "__main__":
    run()
