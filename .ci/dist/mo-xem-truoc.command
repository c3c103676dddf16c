#!/bin/sh
# Double-click (macOS): preview the campaign in the folder "chien-dich" and
# open the editor's desk in the browser. Close this window to stop.
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/chien-dich" || exit 1
echo "loa: đang mở bàn biên tập tại http://127.0.0.1:1111/ (đóng cửa sổ này để dừng)"
(sleep 2; open http://127.0.0.1:1111/) &
exec "$here/loa" serve
