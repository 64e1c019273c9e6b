"""A real IPython kernel driven the way a notebook drives it, for the magic's tests."""

from __future__ import annotations

from jupyter_client.manager import KernelManager


class Kernel:
    def __init__(self, env: dict[str, str]) -> None:
        self.manager = KernelManager(kernel_name="python3")
        self.manager.start_kernel(env=env)
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)

    def run(self, code: str, timeout: float = 300) -> list[str]:
        """Execute a cell; return the final text/markdown of each display it showed."""
        displays: dict[str, str] = {}
        order: list[str] = []
        errors: list[str] = []
        self.bundles: list[dict] = []  # every MIME bundle shown, for non-text outputs

        def collect(message: dict) -> None:
            kind, content = message["msg_type"], message["content"]
            if kind in {"display_data", "update_display_data", "execute_result"}:
                data = content.get("data", {})
                self.bundles.append(data)
                text = data.get("text/markdown") or data.get("text/plain", "")
                key = content.get("transient", {}).get("display_id") or f"anon{len(order)}"
                if key not in displays:
                    order.append(key)
                displays[key] = text
            elif kind == "stream":
                key = f"stream{len(order)}"
                order.append(key)
                displays[key] = content["text"]
            elif kind == "error":
                errors.append("\n".join(content["traceback"]))

        reply = self.client.execute_interactive(code, timeout=timeout, output_hook=collect)
        assert not errors, errors
        assert reply["content"]["status"] == "ok", reply["content"]
        return [displays[key] for key in order]

    def close(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)
