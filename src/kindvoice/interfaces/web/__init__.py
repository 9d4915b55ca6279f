"""The web app (`kindvoice serve`): FastAPI pages and the JSON API. Imported only by `serve`."""
