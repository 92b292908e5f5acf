"""The AsyncAPI document of every event, generated from the schemas: `python -m shared.events.asyncapi`."""

import json
import sys

from shared.events.envelope import Envelope, catalog


def document(exchange: str = "lessons.events") -> dict:
    channels, operations, messages, schemas = {}, {}, {}, {}
    for event_type, schema in sorted(catalog().items()):
        name = event_type.replace(".", "_")
        payload = Envelope[schema].model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(payload.pop("$defs", {}))
        schemas[name] = payload
        messages[name] = {
            "name": event_type,
            "title": schema.__name__,
            "summary": (schema.__doc__ or "").strip().split("\n")[0],
            "contentType": "application/cloudevents+json",
            "payload": {"$ref": f"#/components/schemas/{name}"},
        }
        channels[name] = {
            "address": event_type,
            "messages": {name: {"$ref": f"#/components/messages/{name}"}},
            "bindings": {"amqp": {"is": "routingKey",
                                  "exchange": {"name": exchange, "type": "topic", "durable": True}}},
        }
        operations[f"publish_{name}"] = {"action": "send", "channel": {"$ref": f"#/channels/{name}"}}
    return {
        "asyncapi": "3.0.0",
        "info": {"title": "Lesson marketplace events", "version": "1",
                 "description": "Every event the services publish. Routing key = event type."},
        "defaultContentType": "application/cloudevents+json",
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": schemas},
    }


if __name__ == "__main__":
    json.dump(document(), sys.stdout, indent=2)
    print()
