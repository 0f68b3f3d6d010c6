"""When a course is complete: pure rules over what the learner has done."""


def course_complete(
    rule: str, module_keys: list[str], completed: set[str], final_passed: bool, has_final: bool
) -> bool:
    """rule is the course's completion setting: all-modules, all-modules-and-final or final."""
    modules_done = all(key in completed for key in module_keys)
    if rule == "final":
        return has_final and final_passed
    if rule == "all-modules-and-final":
        return modules_done and (final_passed or not has_final)
    return modules_done


def progress_percent(module_keys: list[str], completed: set[str]) -> int:
    if not module_keys:
        return 0
    return round(100 * sum(1 for key in module_keys if key in completed) / len(module_keys))
