// The meeting room (see room.html): filled in by the next commit.
