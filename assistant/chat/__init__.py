"""The chat session without a UI: the Workbench the app's workers call, and saved chats."""
