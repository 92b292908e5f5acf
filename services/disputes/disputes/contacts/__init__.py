"""Whether a student contacted the provider about a lesson: the condition RF-2 and DS-4 put on
bringing a missed lesson to staff, learned from the notifications service's chat events."""
