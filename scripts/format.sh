#!/usr/bin/env bash
# Formats the code as ./test.sh checks it: CSharpier lays out C# (120 columns, .editorconfig), then dotnet format applies
# the style rules (usings, braces, namespaces) and the analyzers' fixes, then CSharpier again for what those moved.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet csharpier format .
dotnet format style Conversations.sln -v q
dotnet format analyzers Conversations.sln -v q
dotnet csharpier format .
