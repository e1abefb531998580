#!/usr/bin/env bash
# Builds the API reference (HTML) from the packages' XML documentation comments with DocFX, the .NET documentation
# generator, pinned as a local tool in dotnet-tools.json: `dotnet tool restore` installs it, nothing else is needed.
# Output: artifacts/api-reference/index.html (open it in a browser, or serve the folder). Generated files stay out of
# the repository (docs/reference/api and artifacts/ are ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore
dotnet docfx docs/reference/docfx.json "$@"
echo "API reference: $(pwd)/artifacts/api-reference/index.html"
