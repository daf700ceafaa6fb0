/* Warta's video player: the browser's own <video>, made adaptive where it needs help.
 *
 * Without this script the <source> list already plays: HLS where the browser
 * has it natively, the MP4 otherwise. With it, browsers that lack native HLS
 * but have Media Source Extensions get the adaptive ladder through hls.js,
 * which is fetched only when the reader presses play (preload="none" keeps
 * everything else, video included, off the network until then).
 */
(function () {
  "use strict";
  var HLS_TYPE = "application/vnd.apple.mpegurl";

  function needsHlsJs(video) {
    return !video.canPlayType(HLS_TYPE) && "MediaSource" in window;
  }

  function loadHlsJs(src, done) {
    if (window.Hls) return done();
    var script = document.createElement("script");
    script.src = src;
    script.onload = done;
    document.head.appendChild(script);
  }

  function setUp(video) {
    if (video.dataset.wartaPlayer) return;
    video.dataset.wartaPlayer = "1";
    if (!needsHlsJs(video)) return;
    // Keep the MP4 as the fallback should hls.js fail to load; drop the HLS source.
    var hlsSource = video.querySelector('source[type="' + HLS_TYPE + '"]');
    var mp4 = video.querySelector('source[type="video/mp4"]');
    if (hlsSource) hlsSource.remove();
    if (mp4) {
      video.dataset.mp4 = mp4.src;
      mp4.remove();
    }
    video.load();
    video.addEventListener("play", function start() {
      video.removeEventListener("play", start);
      loadHlsJs(video.dataset.hlsJs, function () {
        var hls;
        if (window.Hls && window.Hls.isSupported()) {
          hls = new window.Hls({ startLevel: 0, capLevelToPlayerSize: true });
          hls.loadSource(video.dataset.playlist);
          hls.attachMedia(video);
          hls.on(window.Hls.Events.MANIFEST_PARSED, function () { video.play(); });
        } else if (video.dataset.mp4) {
          video.src = video.dataset.mp4;
          video.play();
        }
      });
    });
  }

  function init() {
    var videos = document.querySelectorAll("video.warta-video");
    var i;
    for (i = 0; i < videos.length; i++) setUp(videos[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  // Live updates insert videos after load (live.js announces them).
  document.addEventListener("warta:inserted", init);
})();
