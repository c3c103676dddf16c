#!/bin/sh
# Double-click (Linux): the editor's desk of the campaign in the folder
# "chien-dich", opened in the browser by loa itself (port 1111, or a free
# one when it is taken). loa says in one line how to stop.
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/chien-dich" || exit 1
exec "$here/loa"
