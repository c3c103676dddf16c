@echo off
rem Double-click: preview the campaign in the folder "chien-dich" and open
rem the editor's desk in the browser. Close this window to stop.
chcp 65001 >nul
cd /d "%~dp0chien-dich" || (echo Khong tim thay thu muc chien-dich & pause & exit /b 1)
echo loa: dang mo ban bien tap tai http://127.0.0.1:1111/ (dong cua so nay de dung)
start "" /min powershell -NoProfile -Command "Start-Sleep -Seconds 2; Start-Process 'http://127.0.0.1:1111/'"
"%~dp0loa.exe" serve
pause
