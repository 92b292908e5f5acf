from enum import StrEnum


class ProblemKind(StrEnum):
    PROVIDER_ABSENT = "provider_absent"  # by the provider: declaring their own miss
    STUDENT_ABSENT = "student_absent"
    TECHNICAL_PROBLEM = "technical_problem"
